"""English for seeded text that has no English column of its own."""

# Seeded catalogue text whose table has no English column (negative-list items, carrier addresses and
# operators, the sample office address), in English; keyed by the Chinese exactly as seeded. A value typed
# in later, or changed, is shown as entered: it is data. An English column, once the catalogue has one,
# wins over this map.
SEEDED_EN = {
    # negative_list.item
    "化学原料药合成及发酵类原料药生产": "Synthesis of chemical APIs and production of fermentation-based APIs",
    "含电镀、酸洗等重污染工序的项目": "Projects with heavily polluting processes such as electroplating or pickling",
    "医疗废物集中处置": "Centralised disposal of medical waste",
    "放射性同位素及射线装置生产": "Production of radioisotopes and radiation-emitting devices",
    "高等级生物安全实验室（P3/P4）": "High-containment biosafety laboratories (P3/P4)",
    "实验动物繁育": "Breeding of laboratory animals",
    # carriers.address and carriers.operator
    "济南国际医学中心，济齐路沿线": "Along Jiqi Road, Jinan International Medical Center",
    "济南市槐荫区（示例地址）": "Huaiyin District, Jinan (sample address)",
    "海凭集团": "Haiping Group",
    "示例运营公司（示例）": "Sample operating company (sample)",
    # zone.office_address
    "济南市槐荫区（示例地址，非真实）": "Huaiyin District, Jinan (sample address, not a real one)",
}
