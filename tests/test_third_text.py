"""A third text needs only new files in sources/: no code, no configuration."""
import shutil

from conftest import FIXTURES, run_build
from htmlpage import read


def test_a_third_text_is_built_from_files_in_sources_alone(project):
    third = FIXTURES / "third-text" / "sources"
    shutil.copytree(third, project / "sources", dirs_exist_ok=True)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = read(project / "site", "texts/mini-2020/")
    assert [i for i in page.ids if i.startswith("p") and i[1:].isdigit()] == ["p1", "p2", "p3", "p4"]
    # its cross-reference to Ramani resolves both ways
    assert "../ramani-2015/#m-third-arkankergen-2" in [h for h, _ in page.links]
    ramani = read(project / "site", "texts/ramani-2015/")
    assert "../mini-2020/#m-third-arkankergen-1" in [h for h, _ in ramani.links]
    # and it is in the navigation of every page
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert 'href="texts/mini-2020/"' in home
