"""The brief reads policies, criteria and a carrier's facilities through the domain listings, so it says what
`promo policies` and `promo criteria` say for the same date and focus."""

import sqlite3


def test_a_carrier_brief_lists_the_policies_open_to_that_carrier(db_path, run):
    conn = sqlite3.connect(db_path)
    for code, carriers in (
        ("only-here", '["precision-med-park"]'),
        ("only-there", '["haiping-device-park"]'),
        ("any", ""),
    ):
        pid = conn.execute(
            "INSERT INTO policies (code, name, name_folded, level, kind, sample) VALUES (?, ?, ?, 'zone', '租金', 1)",
            (code, f"测试政策{code}", code),
        ).lastrowid
        conn.execute("INSERT INTO policy_eligibility (policy_id, carriers) VALUES (?, ?)", (pid, carriers))
    conn.commit()
    conn.close()
    out = run("brief", "--carrier", "precision-med-park").output
    assert "测试政策only-here" in out and "测试政策any" in out and "测试政策only-there" not in out
    # an empty eligibility list means open to all, in the listing as in the brief
    listed = run("policies", "--industry", "高端医疗器械", "--format", "json").output
    assert "测试政策any" in listed
