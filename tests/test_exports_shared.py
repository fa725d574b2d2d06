"""Standards validation of the exports with ../shared/validators (present beside every
checkout in CI; a fresh clone elsewhere lacks it, and then these tests are skipped)."""
import os
import subprocess
import sys

import pytest

from conftest import SHARED

pytestmark = pytest.mark.shared
if not (SHARED / "validators").is_dir():
    if os.environ.get("CI"):
        raise RuntimeError("../shared/validators is missing under CI")
    pytest.skip("../shared/validators is not beside this checkout", allow_module_level=True)


def test_annotations_jsonld_validates_against_the_w3c_schemas(site):
    result = subprocess.run([sys.executable, str(SHARED / "validators/wa_validate.py"), "--profile", "edition",
                             str(site / "annotations.jsonld")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "== 0 error(s), 0 warning(s)" in result.stdout
