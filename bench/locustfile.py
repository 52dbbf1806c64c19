"""Locust users of the load benchmark (run by bench/load.py, which starts gunicorn and reads the results).

- BareUser: a logged-in GET of /bench/bare/ (the ceiling: session + user + middleware, nothing else).
- QueueUser: a Beihai SciTech reviewer reading the staff queue (first pages, all files).
- SubmitUser: an employer opening a Beihai file, filling it, uploading real files (PDF scans, a PNG photo) and
  submitting it. Every submission the server accepted (302 to the file's page) is written to ACCEPTED_LOG so the
  runner can compare what the clients were told with what the database and the file store hold.
"""

import io
import itertools
import os
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # locust puts only bench/ on the path

from demo.samples import BEIHAI_BH1_FORM  # noqa: E402

PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-Password-12")
DOMAIN = "bench.example"
ACCEPTED_LOG = os.environ.get("BENCH_ACCEPTED_LOG", "var/load-accepted.log")
EMPLOYERS = [e for e in os.environ.get("BENCH_EMPLOYERS", "").split(",") if e]
_employers = itertools.cycle(EMPLOYERS or [f"bench-employer@{DOMAIN}"])
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _pdf(label: str) -> bytes:
    """A small valid PDF with a scan's worth (40 KB) of image-like bytes in a stream, ending in %%EOF."""
    body = f"BT /F1 12 Tf 72 720 Td ({label}) Tj ET".encode()
    scan = os.urandom(40 * 1024)
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + f"\nendstream endobj\n5 0 obj<</Length {len(scan)}>>stream\n".encode()
        + scan
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((295, 413), 64).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


PHOTO = _png()


class LoggedIn(HttpUser):
    abstract = True
    email = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.content).group(1).decode()
        self.client.post(
            "/accounts/login/",
            {"username": self.email or next(_employers), "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
        )

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")


class BareUser(LoggedIn):
    wait_time = between(0, 0)
    email = f"bench-beihai-scitech-reviewer@{DOMAIN}"

    @task
    def bare(self):
        self.client.get("/bench/bare/", name="bare logged-in view")


class QueueUser(LoggedIn):
    wait_time = between(0, 0)
    email = f"bench-beihai-scitech-reviewer@{DOMAIN}"

    @task(3)
    def mine(self):
        self.client.get("/staff/", name="queue mine")

    @task(1)
    def all_files(self):
        self.client.get("/staff/?scope=all", name="queue all")


class SubmitUser(LoggedIn):
    wait_time = between(0, 0)

    @task
    def submit_a_file(self):
        headers = {"Referer": self.host + "/portal/"}
        start = self.client.post(
            "/portal/new/beihai-foreign-talent/",
            {"csrfmiddlewaretoken": self.csrf()},
            headers=headers,
            allow_redirects=False,
            name="start",
        )
        match = re.search(r"/portal/applications/(\d+)/edit/", start.headers.get("Location", ""))
        if not match:
            return
        pk = match.group(1)
        n = int(pk)
        fields = {
            **BEIHAI_BH1_FORM,
            "csrfmiddlewaretoken": self.csrf(),
            "full_name": f"Load Test {n}",
            "document_number": f"L{n:08d}",
            "action": "review",
        }
        files = {
            f"material-{code}": (f"{code}.pdf", _pdf(f"{code} {n}"), "application/pdf")
            for code in ("passport", "work-permit", "residence-permit")
        }
        files["material-photo"] = ("photo.png", PHOTO, "image/png")
        edit = self.client.post(
            f"/portal/applications/{pk}/edit/",
            data=fields,
            files=files,
            headers=headers,
            allow_redirects=False,
            name="edit + upload 4 files",
        )
        if edit.status_code != 302:
            return
        submit = self.client.post(
            f"/portal/applications/{pk}/submit/",
            {"csrfmiddlewaretoken": self.csrf(), "pledge_name": f"Load Test {n}", "pledge": "on"},
            headers=headers,
            allow_redirects=False,
            name="submit",
        )
        if submit.status_code == 302 and submit.headers.get("Location", "").endswith(f"/portal/applications/{pk}/"):
            with open(ACCEPTED_LOG, "a") as log:
                log.write(f"{pk}\n")
