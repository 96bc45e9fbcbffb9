from conftest import fixture_files


def test_minimal_fixture_site_builds(build_fixture_site):
    code, output, site = build_fixture_site(fixture_files())
    assert code == 0, output
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
