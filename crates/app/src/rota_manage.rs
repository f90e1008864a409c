//! Managers' work on the rota: changing and cancelling shifts, and moving volunteers.
