# exclude.re - numbers that look like rates but are not claims.
# Format: docs/plugins.md section 1.7 (after / before / both rules).
# 5G, 4%的 interest-free notes are still rates; nothing rate-only yet beyond
# rules/common/exclude.re but grade names: 一成不变 is in not_units.txt.
# (no rules)
