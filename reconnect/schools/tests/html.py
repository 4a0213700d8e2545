"""Reading exact values out of rendered pages in tests."""

from bs4 import BeautifulSoup, Tag


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ").split())


def table_rows(response, selector: str = "table") -> list[list[str]]:
    """The body rows of the first table matching ``selector``, as lists of cell texts."""
    table = soup(response).select_one(selector)
    assert table is not None, f"no {selector} on the page"
    return [[text(cell) for cell in row.find_all("td")] for row in table.select("tbody tr")]


def summary_list(response) -> dict[str, str]:
    page = soup(response)
    return {
        text(row.select_one("dt")): text(row.select_one("dd"))
        for row in page.select(".govuk-summary-list__row")
    }


def attribute(response, selector: str, name: str) -> str:
    """An attribute of the first element matching ``selector``."""
    element = soup(response).select_one(selector)
    assert element is not None, f"no {selector} on the page"
    value = element.get(name)
    assert isinstance(value, str), f"{selector} has no single {name}"
    return value
