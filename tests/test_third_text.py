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
    # a link preview names the text by its citation fields, though its metadata has no description
    import yaml
    meta = yaml.safe_load((third / "texts/mini-2020.yml").read_text(encoding="utf-8"))
    assert "description" not in meta
    [desc] = page.meta["description"]
    for value in (meta["title"], meta["publication"], *(f"{a['given']} {a['family']}" for a in meta["authors"])):
        assert value in desc, (value, desc)
    # and it is in the navigation of every page
    home = (project / "site/index.html").read_text(encoding="utf-8")
    assert 'href="texts/mini-2020/"' in home


def test_a_third_text_reaches_the_compare_page_and_the_topic_comparison(tmp_path_factory):
    """The reader chooses any two texts on the compare page; the topics page lists the third
    text's passages. Everything is read from the fixture's files and the built site."""
    import posixpath
    import re
    from urllib.parse import urljoin

    import yaml

    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("third") / "project")
    third = FIXTURES / "third-text" / "sources"
    shutil.copytree(third, project / "sources", dirs_exist_ok=True)
    assert run_build(project).returncode == 0
    site = project / "site"
    ids = sorted(p.stem for p in (project / "sources/texts").glob("*.yml"))
    shorts = {i: yaml.safe_load((project / f"sources/texts/{i}.yml").read_text(encoding="utf-8"))["short"]
              for i in ids}
    new = sorted(p.stem for p in (third / "texts").glob("*.yml"))
    # every pair is offered, on every compare page, the one shown marked as the current page
    start = read(site, "compare/")
    chooser = re.search(r'<nav class="compare-pairs".*?</nav>', start.html, re.S).group()
    pairs = dict(re.findall(r'<a href="([^"]+)"( aria-current="page")?>', chooser))
    assert len(pairs) == len(ids) * (len(ids) - 1) // 2
    assert list(pairs.values()).count(' aria-current="page"') == 1
    seen = set()
    for href in pairs:
        url = posixpath.normpath(urljoin("compare/", href)) + "/"
        page = read(site, url)
        cols = [i for i in page.ids if i.endswith("-heading") and i[: -len("-heading")] in ids]
        assert len(cols) == 2, (url, cols)
        seen.add(frozenset(c[: -len("-heading")] for c in cols))
        label = re.search(r'aria-current="page">([^<]*)<', page.html).group(1)
        assert label == " and ".join(shorts[c[: -len("-heading")]] for c in cols)
        # a highlight jumps to its counterpart in the other column of the same page
        jumps = [h for h, _ in page.links if h.startswith("#") and "-m-" in h]
        for h in jumps:
            assert h[1:] in page.ids, (url, h)
    assert len(seen) == len(pairs)
    assert all(any(n in pair for pair in seen) for n in new)
    # the topics page lists the new text's passages under the topics its cross-references carry
    topics = read(site, "topics/")
    for sid in new:
        assert any(f"../texts/{sid}/#p" in h for h, _ in topics.links), sid
        assert shorts[sid] + ":" in topics.html.replace("<strong>", "").replace("</strong>", "")
