//! Attendance: check-in and check-out (kiosk, phone, staff), no-shows, and hours with totals.
