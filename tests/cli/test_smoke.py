"""A first look: the sample loads, and the core loop works end to end."""

from conftest import SAMPLE, read_db


def test_sample_imports_and_reports(run, sample_db):
    result = run("report", "--by", "party", ok=True)
    assert "China" in result.stdout and "Kazakhstan" in result.stdout
    again = run("import", SAMPLE, ok=True)
    assert "0 added, 0 changed" in again.stderr
    assert len(read_db(sample_db)["pledges"]) == 21
