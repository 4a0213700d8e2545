"""A browser-like client for the live demo server the security stage starts.

The server runs production settings on plain http at 127.0.0.1, told that one proxy stands
in front of it (``TRUSTED_PROXY_COUNT=1``). Every request carries what the TLS proxy of a
real deployment adds, ``X-Forwarded-Proto: https`` and the client's address in
``X-Forwarded-For``, so Django sees a secure request: it sends HSTS, sets Secure
``__Host-`` cookies and checks CSRF origins against https. Python's cookie jar would never
send a Secure cookie over plain http, so this client keeps its own cookies.
"""

import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import httpx

# The documented password of every fictional demo account (README, "Demo accounts").
DEMO_PASSWORD = "reconnect-demo-2026"  # noqa: S105
# 192.0.2.10 is a documentation address (RFC 5737): the scanning "visitor".
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"}
SESSION_COOKIE = "__Host-sessionid"
CSRF_COOKIE = "__Host-csrftoken"
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SignInFailedError(RuntimeError):
    pass


@dataclass
class LiveSite:
    """One visitor of the site at ``base_url`` (``http://127.0.0.1:PORT``)."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            base_url=self.base_url, headers=PROXY_HEADERS, timeout=self.timeout
        )

    @property
    def origin(self) -> str:
        """The address a browser would have used: https, as behind the proxy."""
        return "https://" + self.base_url.split("://", 1)[1].rstrip("/")

    def get(self, path: str) -> httpx.Response:
        return self.request("GET", path)

    def request(
        self,
        method: str,
        path: str,
        *,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, path, data=data, headers=sent)
        self.keep_cookies(response)
        return response

    def keep_cookies(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def sign_in(self, email: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in through the real form, as a person would."""
        page = self.get("/accounts/login/")
        token = _CSRF_FIELD.search(page.text)
        if page.status_code != 200 or token is None:
            raise SignInFailedError(f"the sign-in page answered {page.status_code} with no form")
        response = self.request(
            "POST",
            "/accounts/login/",
            data={"login": email, "password": password, "csrfmiddlewaretoken": token.group(1)},
            headers={"Origin": self.origin, "Referer": f"{self.origin}/accounts/login/"},
        )
        if response.status_code != 302 or SESSION_COOKIE not in self.cookies:
            raise SignInFailedError(f"signing in as {email} answered {response.status_code}")
        # The flash message ("signed in as ...") is not part of the session.
        self.cookies.pop("messages", None)

    def close(self) -> None:
        self.client.close()
