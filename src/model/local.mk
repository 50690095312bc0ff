# model: keys, values, records, operations, errors, policies, JSON
ascore_model_sources =
