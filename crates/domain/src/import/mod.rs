//! Importing spreadsheets: what each kind of import reads (its fields and the headers that name
//! them), guessing and applying a column mapping, reading spreadsheet dates, and the report of
//! problems by row and column. Pure: the file is read into rows of text elsewhere.

mod dates;
mod fields;
mod headers;
mod mapping;
mod report;

pub use dates::{DateProblem, excel_serial_date, parse_spreadsheet_date};
pub use fields::{FieldSpec, fields};
pub use headers::{guess_mapping, normalise_header};
pub use mapping::{MappedRow, Mapping, ResolvedMapping};
pub use report::{Merge, MergedOn, Problem, report_csv_rows};

use crate::labelled_enum;

labelled_enum!(
    /// What a file holds.
    ImportKind {
        /// Volunteers and others, with their engagement (status, and a role).
        People = "people": "People",
        /// Volunteer roles.
        Roles = "roles": "Roles",
        /// Sites.
        Sites = "sites": "Sites",
        /// Check records against the organisation's check types.
        Checks = "checks": "Check records",
        /// Training records against the organisation's training modules.
        Training = "training": "Training records",
        /// Hours volunteered.
        Hours = "hours": "Hours",
        /// Service users.
        ServiceUsers = "service-users": "Service users",
        /// Carers, linked to the people they care for.
        Carers = "carers": "Carers",
    }
);
