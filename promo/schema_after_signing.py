"""Migration 6, after the signature: milestones, project reports, the task ledger's targets, 帮办代办
services with their departments and usual paths, coordination items (协调事项), events and their MOUs.

The departments and paths it seeds are the office's to edit afterwards; the lists here stay as they were
when the migration shipped, like any migration.
"""

from __future__ import annotations

from promo.schema import migration, statements

# the departments a zone's 帮办代办 desk deals with most, with the short names people use (the office adds its own)
DEPARTMENTS = (
    ("行政审批服务局", "审批局|行政审批局|政务服务中心"),
    ("发展和改革委员会", "发改委|发改局|发改"),
    ("生态环境局", "环保局|生态环境|环境局"),
    ("住房和城乡建设局", "住建局|住建委|住建"),
    ("自然资源和规划局", "自规局|自然资源局|规划局|资规局"),
    ("市场监督管理局", "市监局|市场监管局|市场监管"),
    ("药品监督管理局", "药监局|省药监局|药监"),
    ("卫生健康委员会", "卫健委|卫健局|卫健"),
    ("应急管理局", "应急局|安监局"),
    ("人力资源和社会保障局", "人社局|人社"),
    ("科技局", "科技"),
    ("商务局", "商务"),
    ("供电公司", "供电局|电力公司|国网"),
    ("经济发展局", "经发局"),
)

# (industry code or None for every project, item, department, usual days): the usual path of approvals.
# Medical devices and biotech follow the real medical path: registration, production licences, lab filing,
# radiation safety, with the environmental, energy and construction approvals every built project needs.
TEMPLATES = (
    (None, "项目备案", "发展和改革委员会", 15),
    (None, "环评", "生态环境局", 60),
    (None, "能评", "发展和改革委员会", 30),
    (None, "施工许可", "住房和城乡建设局", 20),
    ("med-device", "医疗器械注册证", "药品监督管理局", 180),
    ("med-device", "医疗器械生产许可", "药品监督管理局", 60),
    ("med-device", "辐射安全许可", "生态环境局", 30),
    ("med-device", "实验室 P2/P3 备案", "卫生健康委员会", 30),
    ("biotech", "药品生产许可", "药品监督管理局", 90),
    ("biotech", "实验室 P2/P3 备案", "卫生健康委员会", 30),
    ("biotech", "辐射安全许可", "生态环境局", 30),
    ("med-service", "医疗机构执业许可", "卫生健康委员会", 60),
    ("med-service", "辐射安全许可", "生态环境局", 30),
)

AFTER_SIGNING = """
-- a project's life after signing: dated milestones, planned and actual
CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    milestone TEXT NOT NULL CHECK (milestone IN ('开工', '竣工', '投产', '达效')),
    planned_date TEXT,
    actual_date TEXT,
    note TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (enterprise_id, milestone)
);
CREATE INDEX milestones_actual ON milestones(milestone, actual_date);
CREATE INDEX milestones_open ON milestones(planned_date) WHERE actual_date IS NULL;

-- what a project reports for a year (quarter 0) or a quarter: investment completed to date, capital
-- arrived in the period, jobs, and once producing the year's output, tax and the land or floor it uses
CREATE TABLE project_reports (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    quarter INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
    completed_investment_wan REAL CHECK (completed_investment_wan IS NULL OR completed_investment_wan >= 0),
    arrived_wan REAL CHECK (arrived_wan IS NULL OR arrived_wan >= 0),
    jobs_created INTEGER CHECK (jobs_created IS NULL OR jobs_created >= 0),
    output_wan REAL CHECK (output_wan IS NULL OR output_wan >= 0),
    tax_wan REAL CHECK (tax_wan IS NULL OR tax_wan >= 0),
    land_mu REAL CHECK (land_mu IS NULL OR land_mu > 0),
    floor_m2 REAL CHECK (floor_m2 IS NULL OR floor_m2 > 0),
    recorded_at TEXT NOT NULL,
    UNIQUE (enterprise_id, year, quarter)
);
CREATE INDEX project_reports_year ON project_reports(year, quarter);

-- the year's task ledger: a target per measure, for the zone or one officer or chain, a year or a quarter
CREATE TABLE ledger_targets (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    scope TEXT NOT NULL CHECK (scope IN ('zone', 'owner', 'chain')),
    scope_value TEXT NOT NULL DEFAULT '',   -- the officer as recorded, or the chain's industry code
    quarter INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 4),
    measure TEXT NOT NULL,
    value REAL NOT NULL CHECK (value >= 0),
    UNIQUE (year, scope, scope_value, quarter, measure)
);

-- 帮办代办: the departments approvals go through, the usual path per industry, each project's services
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    aliases TEXT                            -- folded short names, |-separated: 住建局|住建
);

CREATE TABLE service_templates (
    id INTEGER PRIMARY KEY,
    industry_code TEXT,                     -- NULL: every project; else this industry and what is below it
    item TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    days INTEGER CHECK (days IS NULL OR days > 0),
    sort INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    item_folded TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    officer TEXT,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'paused')),
    asked_date TEXT,
    due_date TEXT,
    done_date TEXT,
    note TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (enterprise_id, item_folded),
    CHECK (done_date IS NULL OR status = 'done')
);
CREATE INDEX services_due ON services(status, due_date);

-- 协调事项: problems a project raises, with the department and leader who must solve them
CREATE TABLE coordination (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    issue TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    leader TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    raised_date TEXT NOT NULL,
    due_date TEXT,
    closed_date TEXT,
    note TEXT,
    recorded_at TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_date IS NOT NULL))
);
CREATE INDEX coordination_open ON coordination(status, leader);

-- 以会招商: promotion events and what was signed there
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    place TEXT,
    organiser TEXT,
    recorded_at TEXT NOT NULL
);

CREATE TABLE event_deals (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mou', 'intent', 'contract')),
    investment_wan REAL CHECK (investment_wan IS NULL OR investment_wan >= 0),
    note TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (event_id, enterprise_id)
);
CREATE INDEX event_deals_enterprise ON event_deals(enterprise_id);
"""


@migration(6)
def m006_after_signing(conn) -> None:
    """After the signature: milestones, project reports, the task ledger's targets, 帮办代办 services with
    their departments and per-industry paths, coordination items, events and their MOUs."""
    from promo.text import fold

    for statement in statements(AFTER_SIGNING):
        conn.execute(statement)
    for name, aliases in DEPARTMENTS:
        folded = "|".join(fold(a) for a in aliases.split("|"))
        conn.execute(
            "INSERT INTO departments (name, name_folded, aliases) VALUES (?, ?, ?)", (name, fold(name), folded)
        )
    for sort, (industry_code, item, department, days) in enumerate(TEMPLATES):
        conn.execute(
            "INSERT INTO service_templates (industry_code, item, department_id, days, sort) "
            "VALUES (?, ?, (SELECT id FROM departments WHERE name = ?), ?, ?)",
            (industry_code, item, department, days, sort),
        )
