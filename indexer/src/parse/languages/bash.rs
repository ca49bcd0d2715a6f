//! Bash: how its syntax marks uses of names and calls.

use crate::parse::use_rules::Shape::{Name, Wrapped};
use crate::parse::use_rules::Step::FirstNamed;
use crate::parse::use_rules::{Call, NameTest, Rules};

/// The uses of names in shell code: variables (`$VERSION`, `${VERSION}`,
/// assignments), and the name of every command, which calls the function
/// of that name when the script or a sourced file defines one. A command
/// whose name is not a plain word (`$HOME/bin/x`, `"$cmd"`) names no
/// function. `source x.sh` is an import, not a call.
pub(crate) const USE_RULES: Rules = Rules {
    everywhere: &["variable_name"],
    in_field: &[],
    in_children: &[],
    calls: &[Call {
        kind: "command",
        field: "name",
        shapes: &[Wrapped { kind: "command_name", step: FirstNamed, inner: &[Name("word")] }],
        only: NameTest::Not("source"),
    }],
};
