"""The pupil-file import's problems are documented as the import reports them."""

from reconnect.api import api


def test_import_problems_keep_their_own_schema_beside_the_labs():
    # Both were called ProblemOut, and the OpenAPI document keys schemas by class name:
    # the Lab's (loc, msg, type) stood in for the import's, so a caller reading the
    # document could not know a problem carries its row and column.
    schemas = api.get_openapi_schema()["components"]["schemas"]

    assert sorted(schemas["ImportProblemOut"]["properties"]) == [
        "column",
        "expected",
        "row",
        "value",
    ]
    assert sorted(schemas["ProblemOut"]["properties"]) == ["loc", "msg", "type"]
    import_out = schemas["ImportOut"]["properties"]["problems"]
    assert import_out["items"] == {"$ref": "#/components/schemas/ImportProblemOut"}
