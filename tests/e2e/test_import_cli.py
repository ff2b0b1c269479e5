"""`invite-to-bill import --project ID FILE [--dry-run]` as an operator runs it: a real
process on SQLite and PostgreSQL, its progress bar and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.imports import GOOD_ROWS, csv_file, many_rows, row
from tests.support.processes import run


async def test_import_with_errors_a_dry_run_a_progress_bar_and_a_reimport(cli_env: dict[str, str],
                                                  tmp_path: Path) -> None:
    assert (await run(cli_env, "migrate"))[0] == 0
    demo = json.loads((await run(cli_env, "demo", "--json"))[1])
    project = str(demo["project_id"])
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_file(GOOD_ROWS))
    bad.write_bytes(csv_file([*GOOD_ROWS, row("IMP-003", "001", "abc")]))

    code, out, err = await run(cli_env, "import", "--project", project, str(bad))
    assert code == 1
    assert "Row 5: scheduled value 'abc' is not an amount" in err
    assert "1 error: nothing was imported" in err

    code, out, err = await run(cli_env, "import", "--project", project, str(good),
                               "--dry-run")
    assert code == 0, err
    assert "3 rows: 2 commitments would be created, 0 updated, 0 unchanged" in out
    assert "importing" not in err  # a dry run writes nothing, so shows no bar

    big = tmp_path / "big.csv"
    big.write_bytes(many_rows(200))
    code, out, err = await run(cli_env, "import", "--project", project, str(big))
    assert code == 0, err
    assert "200 rows: 20 commitments were created" in out
    assert "importing [" in err and "20/20" in err  # the progress bar reached the end

    code, out, err = await run(cli_env, "import", "--project", project, str(big))
    assert code == 0, err
    assert "200 rows: 0 commitments were created, 0 updated, 20 unchanged" in out

    code, _, err = await run(cli_env, "import", "--project", "999", str(good))
    assert code == 1 and "project 999 not found" in err
    code, _, err = await run(cli_env, "import", "--project", project, str(tmp_path / "x.csv"))
    assert code == 1 and "cannot read" in err
