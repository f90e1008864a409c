//! The roles each demo organisation recruits for, one file per organisation.

mod brightwater;
mod calder_vale;
mod good_neighbours;
mod hospice;
mod riverside;

pub(super) use brightwater::BRIGHTWATER_ROLES;
pub(super) use calder_vale::CALDER_VALE_ROLES;
pub(super) use good_neighbours::GOOD_NEIGHBOURS_ROLES;
pub(super) use hospice::HOSPICE_ROLES;
pub(super) use riverside::RIVERSIDE_ROLES;
