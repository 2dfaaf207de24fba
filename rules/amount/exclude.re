# exclude.re - numbers before a currency word that are no claims.
# Format: see plugins/common/zc_patterns.h (after / before / both).
# (no amount-only rules yet: rules/common/exclude.re covers dates and names)
