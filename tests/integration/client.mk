# client integration tests (Check) against minispike
