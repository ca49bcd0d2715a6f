//! lua: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Rules;

/// The uses of names in lua code.
pub(crate) const USE_RULES: Rules = Rules { everywhere: &["identifier"], in_field: &[], in_children: &[], calls: &[] };
