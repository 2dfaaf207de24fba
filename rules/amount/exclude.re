# exclude.re - numbers before a currency word that are no claims.
# Format: see core/measures/patterns.h (after / before / both).
# (no amount-only rules yet: rules/common/exclude.re covers dates and names)
