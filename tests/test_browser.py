"""The real app in a real browser: create a workshop, visit every page, download the PDF."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from cxcore import db as store
from cxcore import path as guided_path
from cxcore import sample, workshops
from tests.browser_support import PHONE, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def no_exceptions(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def test_create_a_workshop_visit_every_page_and_download_the_pdf(server, page, tmp_path):
    base, db_path = server
    page.goto(base)
    wait_for_app(page)
    page.get_by_role("button", name="New workshop").click()
    page.get_by_label("Title").fill("Browser-made workshop")
    page.get_by_label("Organisation").fill("Zoë's Café")
    page.get_by_role("button", name="Create workshop").click()
    first_step = guided_path.STEPS[0].key
    page.wait_for_url(re.compile(rf"/{first_step}\?w=\d+"))
    wait_for_app(page)
    workshop_id = page.url.split("w=")[1].split("&")[0]
    assert workshops.get(store.connect(db_path), int(workshop_id)).organisation == "Zoë's Café"

    for step in guided_path.STEPS:
        page.goto(f"{base}/{step.key}?w={workshop_id}")
        wait_for_app(page)
        no_exceptions(page)
        assert page.get_by_role("heading", name=step.title).count() >= 1

    page.goto(f"{base}/export?w={workshop_id}")
    wait_for_app(page)
    no_exceptions(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    target = tmp_path / "summary.pdf"
    download.value.save_as(target)
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Browser-made workshop" in text and "Zoë's Café" in text


def test_a_refresh_keeps_the_open_workshop_and_projector_mode(server, page):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    page.goto(f"{base}/focusing_challenge?w={wid}&present=1")
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    assert f"w={wid}" in page.url and "present=1" in page.url
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.get_by_role("button", name="Exit projector").is_visible()


def test_typed_challenge_text_survives_a_page_switch(server, page):
    base, db_path = server
    wid = workshops.create(store.connect(db_path), "Switching pages")
    page.goto(f"{base}/focusing_challenge?w={wid}")
    wait_for_app(page)
    page.get_by_label("Who").fill("Students")
    page.get_by_label("Who").press("Tab")
    wait_for_app(page)
    page.get_by_role("link", name="Export").first.click()
    wait_for_app(page)
    page.get_by_role("link", name="Focusing challenge").first.click()
    wait_for_app(page)
    assert page.get_by_label("Who").input_value() == "Students"


@pytest.mark.parametrize("viewport,name,present", [
    (None, "projector", True), (PHONE, "phone", False)])
def test_screenshots_of_home_and_a_step(server, page, viewport, name, present):
    base, db_path = server
    wid = sample.create_sample(store.connect(db_path))
    if viewport:
        page.set_viewport_size(viewport)
    suffix = "&present=1" if present else ""
    for key in ("workshops", *[s.key for s in guided_path.STEPS], "export"):
        route = "" if key == "workshops" else key
        page.goto(f"{base}/{route}?w={wid}{suffix}")
        wait_for_app(page)
        no_exceptions(page)
        screenshot(page, f"{key}-{name}")


def test_importing_a_backup_from_home_refuses_a_bad_file_and_opens_a_good_one(server, page,
                                                                               tmp_path):
    base, db_path = server
    conn = store.connect(db_path)
    from cxcore import backup

    good = tmp_path / "good.json"
    good.write_text(backup.export_json(conn, sample.create_sample(conn)), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}', encoding="utf-8")
    before = len(workshops.list_workshops(conn))

    page.goto(base)
    wait_for_app(page)
    page.get_by_role("button", name="Import a backup").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("bad.json").wait_for()
    page.get_by_role("button", name="Import as a new workshop").click()
    page.get_by_text("This is not a CX workshop backup").wait_for()
    assert len(workshops.list_workshops(conn)) == before

    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    if not uploader.count():  # the popover closes on some reruns
        page.get_by_role("button", name="Import a backup").click()
    uploader.set_input_files(str(good))
    page.get_by_text("good.json").wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Import as a new workshop").click()
    page.wait_for_url(re.compile(r"[?&]w=\d+"))
    wait_for_app(page)
    assert len(workshops.list_workshops(conn)) == before + 1
    no_exceptions(page)
