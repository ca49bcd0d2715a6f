//! php: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Rules;

/// The uses of names in php code.
pub(crate) const USE_RULES: Rules = Rules { everywhere: &["name"], in_field: &[], in_children: &[], calls: &[] };
