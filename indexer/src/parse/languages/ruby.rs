//! ruby: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Rules;

/// The uses of names in ruby code.
pub(crate) const USE_RULES: Rules = Rules { everywhere: &["identifier", "constant"], in_field: &[], in_children: &[], calls: &[] };
