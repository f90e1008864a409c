//! The rota's identifiers, defined with the others in `crate::ids`.

pub use crate::ids::{AbsenceId, CommitmentId, SeriesId, ShiftId};
