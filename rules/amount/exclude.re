# exclude.re - numbers before a currency word that are no claims.
# Format: docs/plugins.md section 1.7 (after / before / both rules).
# (no amount-only rules yet: rules/common/exclude.re covers dates and names)
