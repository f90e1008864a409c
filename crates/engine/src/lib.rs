//! Optimisation algorithms over plain numbers and indices (assignment, flows, rota search).
//! Empty in the first slice: matching arrives with the service-user issue.
