//! Volunteers' expense claims (actual costs and HMRC mileage) and managers' decisions on them.
