"""The CAT round trip: a filtered set exported as XLIFF 1.2, read by
translate-toolkit and by lxml with the XLIFF 1.2 rules, edited in
translate-toolkit as a CAT tool would, and imported back."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage import xliff

from service.cli import cli
from tests.test_review_api import env, find  # noqa: F401 (env is a fixture)

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
XLIFF_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n",
                "needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
                "translated", "signed-off", "final"}
TO_EDIT = "machine,needs_review,edited"


def _export(e, query: str = f"lang=ko&state={TO_EDIT}") -> bytes:
    response = e.client.get(f"/api/export?format=xliff&{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Disposition"].endswith('.xlf"')
    return response.get_data()


def _pairs(e, state=TO_EDIT, lang="ko") -> list[dict]:
    return e.client.get("/api/pairs", query_string={"lang": lang, "state": state,
                                                    "limit": 200}).get_json()["pairs"]


def check_xliff_12(data: bytes) -> list[etree._Element]:
    """The second reader: lxml, with the rules of the XLIFF 1.2 specification
    this export relies on (the schema file itself is not available offline)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff"
    assert root.get("version") == "1.2"
    files = root.findall("x:file", NS)
    assert len(files) == 1
    for attribute in ("original", "source-language", "datatype"):  # required by 1.2
        assert files[0].get(attribute)
    units = files[0].findall("x:body/x:trans-unit", NS)
    ids = [unit.get("id") for unit in units]
    assert len(ids) == len(set(ids)) and all(ids)
    for unit in units:
        children = [etree.QName(child).localname for child in unit]
        assert children[0] == "source" and children[1] == "target"  # order the schema sets
        assert set(children[2:]) <= {"context-group", "note"}
        assert unit.find("x:target", NS).get("state") in XLIFF_STATES
        for context in unit.iterfind("x:context-group/x:context", NS):
            assert context.get("context-type").startswith("x-")  # 1.2's extension values
    return units


def test_export_is_read_alike_by_translate_toolkit_and_lxml(env):  # noqa: F811
    data = _export(env)
    want = _pairs(env)
    want = [p for p in want if p["target"]]
    assert len(want) >= 4
    store = xliff.xlifffile.parsestring(data)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "ko"
    got = [(int(u.xmlelement.get("id")), u.source, u.target) for u in store.units]
    assert got == [(p["id"], p["source"], p["target"]) for p in want]
    units = check_xliff_12(data)
    by_id = {p["id"]: p for p in want}
    for unit in units:
        pair = by_id[int(unit.get("id"))]
        contexts = {c.get("context-type"): c.text
                    for c in unit.iterfind("x:context-group/x:context", NS)}
        assert contexts["x-version"] == str(pair["version"])
        assert contexts["x-state"] == pair["state"]
        assert unit.find("x:source", NS).text == pair["source"]


def test_xliff_needs_one_language(env):  # noqa: F811
    response = env.client.get("/api/export?format=xliff")
    assert response.status_code == 400 and "xliff" in response.get_json()["error"]


def _edit_in_cat_tool(data: bytes, edits: dict[int, str]) -> bytes:
    """What a CAT tool does: parse, change some targets, save."""
    store = xliff.xlifffile.parsestring(data)
    for unit in store.units:
        pair_id = int(unit.xmlelement.get("id"))
        if pair_id in edits:
            unit.settarget(edits[pair_id])
    return bytes(store)


def test_round_trip_edits_with_history_and_conflicts_refused(env):  # noqa: F811
    data = _export(env)
    kim = find(env, "Kim Jong Un met Putin in Moscow.")
    nis = find(env, "The NIS confirmed the report.")
    seoul = find(env, "Seoul responded within hours.")
    edited = _edit_in_cat_tool(data, {
        kim["id"]: "김정은 위원장은 모스크바에서 푸틴 대통령과 만났다.",
        nis["id"]: "국가정보원은 보도 내용을 확인했다.",
        seoul["id"]: "서울은 몇 시간 만에 대응했다."})
    # Meanwhile a colleague changes one of them in the review desk.
    colleague = {"X-API-Key": env.keys["admin"]}
    assert env.client.patch(f"/api/pairs/{nis['id']}", headers=colleague, json={
        "target": "국정원이 보도를 확인했다.", "version": nis["version"]}).status_code == 200
    before = {p["id"]: p for p in _pairs(env, state="machine,needs_review,edited,approved,"
                                                   "rejected")}

    response = env.client.post("/api/xliff", data=edited,
                               headers={"X-API-Key": env.keys["reviewer"],
                                        "Content-Type": "application/xliff+xml"})
    assert response.status_code == 409, response.get_json()
    result = response.get_json()
    assert sorted(result["edited"]) == sorted([kim["id"], seoul["id"]])
    [conflict] = result["conflicts"]
    assert conflict["id"] == nis["id"] and conflict["updated_by"] == "ada"
    assert conflict["exported_version"] == nis["version"] == conflict["current_version"] - 1
    assert result["unchanged"] == result["units"] - 3

    for pair, words in ((kim, "김정은 위원장은 모스크바에서 푸틴 대통령과 만났다."),
                        (seoul, "서울은 몇 시간 만에 대응했다.")):
        now = env.client.get(f"/api/pairs/{pair['id']}").get_json()
        assert (now["target"], now["state"], now["updated_by"]) == (words, "edited", "rita")
        last = now["history"][-1]
        assert (last["old_target"], last["new_target"], last["changed_by"]) == (
            pair["target"], words, "rita")
        assert "XLIFF" in last["note"]
    nis_now = env.client.get(f"/api/pairs/{nis['id']}").get_json()
    assert nis_now["target"] == "국정원이 보도를 확인했다." and nis_now["updated_by"] == "ada"
    untouched = [p for p in before.values() if p["id"] not in (kim["id"], seoul["id"])]
    for pair in untouched:
        assert env.client.get(f"/api/pairs/{pair['id']}").get_json()["version"] == \
            pair["version"]

    # The same file again: the two edits are now the stored text; nothing changes.
    again = env.client.post("/api/xliff", data={"file": (__import__("io").BytesIO(edited),
                                                         "post-edited.xlf")},
                            headers={"X-API-Key": env.keys["reviewer"]})
    assert again.status_code == 409 and again.get_json()["edited"] == []


@pytest.mark.parametrize("body, content_type, status, words", [
    (b"not xml at all", "application/xliff+xml", 400, "XLIFF"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
     "application/xml", 400, "DTD"),
    (b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
     b'source-language="en" target-language="ko" datatype="plaintext"><body><trans-unit '
     b'id="3"><source>Kim</source><target>kim</target></trans-unit></body></file></xliff>',
     "application/xliff+xml", 400, "version"),
    (b"{}", "application/json", 415, "XLIFF"),
])
def test_bad_files_are_refused_clearly(env, body, content_type, status, words):  # noqa: F811
    response = env.client.post("/api/xliff", data=body, headers={
        "X-API-Key": env.keys["reviewer"], "Content-Type": content_type})
    assert response.status_code == status, response.get_json()
    assert words in response.get_json()["error"]


def test_import_needs_a_key(env):  # noqa: F811
    response = env.client.post("/api/xliff", data=_export(env),
                               headers={"Content-Type": "application/xliff+xml"})
    assert response.status_code == 401


def test_units_of_another_language_or_source_are_left_alone(env):  # noqa: F811
    data = _export(env)
    ja = _pairs(env, lang="ja")[0]
    swapped = data.replace(b'target-language="ko"', b'target-language="ja"')
    response = env.client.post("/api/xliff", data=swapped, headers={
        "X-API-Key": env.keys["reviewer"], "Content-Type": "application/xliff+xml"})
    result = response.get_json()
    assert response.status_code == 200 and result["edited"] == []
    assert result["mismatched"] and ja["id"] not in result["edited"]


def test_cli_round_trip(env, tmp_path):  # noqa: F811
    from service.app import create_app
    app = create_app({"DATABASE": str(env.path), "TESTING": True})
    runner = app.test_cli_runner()
    out = tmp_path / "ko.xlf"
    result = runner.invoke(cli, ["xliff", "export", "--lang", "ko", "--state", TO_EDIT,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    kim = find(env, "Kim Jong Un met Putin in Moscow.")
    out.write_bytes(_edit_in_cat_tool(out.read_bytes(), {kim["id"]: "김정은이 푸틴을 만났다."}))
    refused = runner.invoke(cli, ["xliff", "import", str(out), "--key", "wa_wrong"])
    assert refused.exit_code != 0 and "unknown" in refused.output
    done = runner.invoke(cli, ["xliff", "import", str(out), "--key", env.keys["reviewer"]])
    assert done.exit_code == 0, done.output
    now = env.client.get(f"/api/pairs/{kim['id']}").get_json()
    assert (now["target"], now["updated_by"]) == ("김정은이 푸틴을 만났다.", "rita")


def test_hostile_text_survives_and_an_untouched_file_changes_nothing(export_app, export_corpus):
    from service.store import connect
    from service.store.keys import add_key
    from tests.export_fixtures import xml_safe
    client = export_app.test_client()
    data = client.get("/api/export?format=xliff&lang=ko&state=approved,edited,machine,"
                      "rejected").get_data()
    check_xliff_12(data)
    store = xliff.xlifffile.parsestring(data)
    by_id = {p.id: p for p in export_corpus}
    for unit in store.units:
        pair = by_id[int(unit.xmlelement.get("id"))]
        assert (unit.source, unit.target) == (xml_safe(pair.source), xml_safe(pair.target))
    db = connect(export_app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.close()
    # Saved again by translate-toolkit (as a CAT tool would) and imported untouched.
    response = client.post("/api/xliff", data=bytes(store), headers={
        "X-API-Key": key, "Content-Type": "application/xliff+xml"})
    result = response.get_json()
    assert response.status_code == 200, result
    # Texts that lost characters XML forbids on the way out are not edits either.
    assert any(xml_safe(p.target or "") != (p.target or "") for p in export_corpus)
    assert result["edited"] == [] and result["mismatched"] == []
    assert result["unchanged"] == result["units"] == len(store.units)
