"""Standards validation of the exports with ../shared/validators, where it lies beside the
checkout. The tests must not depend on it (a fresh clone lacks it): without it they are
reported as skipped, with the reason."""
import subprocess
import sys

import pytest

from conftest import HANG_GUARD, SHARED

pytestmark = pytest.mark.shared
if not (SHARED / "validators").is_dir():
    pytest.skip("../shared/validators is not beside this checkout", allow_module_level=True)


def test_annotations_jsonld_validates_against_the_w3c_schemas(site):
    result = subprocess.run([sys.executable, str(SHARED / "validators/wa_validate.py"), "--profile", "edition",
                             str(site / "annotations.jsonld")], capture_output=True, text=True, timeout=HANG_GUARD)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "== 0 error(s), 0 warning(s)" in result.stdout
