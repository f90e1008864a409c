//! Closed lists (statuses, kinds) stored as stable codes and shown with plain-English labels.

/// A closed list whose values have a stable storage code and a label for people.
pub trait Labelled: Sized + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The stable code stored in databases and used in URLs and the API.
    fn code(self) -> &'static str;
    /// The plain-English label shown to people.
    fn label(self) -> &'static str;
    /// The value with this code, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Declares a closed list with codes and labels.
#[macro_export]
macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal : $label:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant),*
        }

        impl $crate::Labelled for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::Labelled::label(*self))
            }
        }
    };
}
