//! Attendance and hours in the browser's pages: the kiosk, checking in on the phone, registers
//! marked by staff, no-shows, logged hours with their approval, totals by month, and tenancy.

mod fixture;
mod hours;
mod kiosk;
mod own_lists;
mod recording;
mod tenancy;
