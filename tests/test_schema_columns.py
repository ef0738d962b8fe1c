"""Every table's final columns, after all migrations in number order: a migration that adds, drops or renames a
column changes this list in the same commit, so the schema a catalogue ends up with is reviewed like code."""

from promo.db import connect, migrate
from promo.schema import MIGRATIONS

EXPECTED = {
    "activities": "id enterprise_id kind date note next_date owner recorded_at",
    "carrier_industries": "carrier_id industry_id",
    "carriers": (
        "id code name name_en name_folded kind address lat lon operator description description_en "
        "contact_name contact_phone status sample source sample_fields"
    ),
    "clusters": "id code name name_en name_folded description source",
    "coordination": (
        "id enterprise_id issue department_id leader status raised_date due_date closed_date note recorded_at"
    ),
    "criteria": "id code name name_en metric op threshold unit carrier_id industry_id description sample",
    "criteria_exceptions": "id enterprise_id criterion_id approved_by approved_on note",
    "departments": "id name name_folded aliases",
    "enterprises": (
        "id name name_en name_folded uscc uscc_bad_check kind industry_id carrier_id stage stage_date "
        "investment_wan jobs source_channel country owner owner_since contact phone note code_name "
        "created_at sample source code_name_folded"
    ),
    "event_deals": "id event_id enterprise_id kind investment_wan note recorded_at",
    "events": "id name name_folded date place organiser recorded_at",
    "facilities": "id name name_en name_folded",
    "industries": "id code parent_id level segment name name_en name_folded sort sample source",
    "journal": "id at user command summary undone_by reverts summary_msg summary_args",
    "journal_changes": "id journal_id tbl row_id op old new fp",
    "ledger_targets": "id year scope scope_value quarter measure value",
    "match_memory": "enterprise_id enterprise_key matched_at vacant_units",
    "milestones": "id enterprise_id milestone planned_date actual_date note recorded_at",
    "needs": (
        "enterprise_id industry_id min_area max_area max_rent facilities investment_wan land_mu "
        "last_matched_at last_match_units output_wan tax_wan rd_wan jobs min_floor_load available_by "
        "business updated_at"
    ),
    "negative_list": "id kind item keywords description sample",
    "platforms": "id code name name_en name_folded kind level carrier_id description description_en source",
    "policies": (
        "id code name name_en name_folded issuer issuer_en level kind start_date end_date cap_wan rate "
        "description description_en sample source doc_no"
    ),
    "policy_eligibility": (
        "policy_id industries enterprise_kinds min_investment_wan stages carriers countries sample rate_basis note "
        "min_jobs"
    ),
    "project_reports": (
        "id enterprise_id year quarter completed_investment_wan arrived_wan jobs_created output_wan tax_wan land_mu "
        "floor_m2 recorded_at"
    ),
    "scenarios": (
        "id title title_folded owner owner_kind industry_id need status published deadline sample owner_folded"
    ),
    "service_templates": "id industry_code item department_id days sort",
    "service_status": "id service_id status since recorded_at",
    "services": (
        "id enterprise_id item item_folded department_id officer status asked_date due_date done_date note recorded_at"
    ),
    # promo search's index (migration 7, promo/search_index.py): an FTS5 table and its shadow tables
    "search_index": "name body py",
    "search_index_config": "k v",
    "search_index_content": "id c0 c1 c2",
    "search_index_data": "id block",
    "search_index_docsize": "id sz",
    "search_index_idx": "segid term pgno",
    "settings": "key value",
    "stage_deadlines": "stage days since sample",
    "stage_history": "id enterprise_id stage date reason recorded_at",
    "targets": "id name name_folded link_id priority reason status enterprise_id note created_at sample",
    "unit_facilities": "unit_id facility_id",
    "units": (
        "id carrier_id code building floor area_m2 rent status enterprise_id floor_load_kn ceiling_m "
        "ready_date note sample kind lease_start lease_end status_until status_reason plot_ratio intensity_wan_mu "
        "tax_wan_mu"
    ),
    "zone": (
        "id code name name_en aliases positioning positioning_en location location_en planned_area_km2 "
        "founded_year office_name office_name_en office_phone office_email office_address office_sample "
        "office_address_en sample_fields"
    ),
    "zone_figures": "id zone_id label label_en value unit unit_en year source",
}


def test_every_table_ends_with_the_expected_columns():
    conn = connect(":memory:")
    migrate(conn)
    names = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    found = {t: " ".join(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in names}
    assert found == EXPECTED


def test_migrations_are_defined_in_number_order_from_one():
    assert list(MIGRATIONS) == list(range(1, len(MIGRATIONS) + 1))  # definition order is the order they run in
