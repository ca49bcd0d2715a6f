//! haskell: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Rules;

/// The uses of names in haskell code.
pub(crate) const USE_RULES: Rules = Rules { everywhere: &["variable", "constructor"], in_field: &[], in_children: &[], calls: &[] };
