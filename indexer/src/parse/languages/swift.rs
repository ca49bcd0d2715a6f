//! swift: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Rules;

/// The uses of names in swift code.
pub(crate) const USE_RULES: Rules = Rules { everywhere: &["simple_identifier", "type_identifier"], in_field: &[], in_children: &[], calls: &[] };
