/* Several results under one bin name, as an operate reply carries them
 * (one entry per operation, in request order). */
#include <string.h>

#include <aerofuture/record.h>

uint16_t as_record_count(const as_record *rec, const char *name)
{
	uint16_t n = 0;

	if (!rec || !name)
		return 0;
	for (uint16_t i = 0; i < rec->n_bins; i++)
		if (strcmp(rec->bins[i].name, name) == 0)
			n++;
	return n;
}

const as_value *as_record_get_nth(const as_record *rec, const char *name, uint16_t n)
{
	if (!rec || !name)
		return NULL;
	for (uint16_t i = 0; i < rec->n_bins; i++)
		if (strcmp(rec->bins[i].name, name) == 0 && n-- == 0)
			return &rec->bins[i].value;
	return NULL;
}

const as_value *as_record_get_last(const as_record *rec, const char *name)
{
	if (!rec || !name)
		return NULL;
	for (uint16_t i = rec->n_bins; i-- > 0;)
		if (strcmp(rec->bins[i].name, name) == 0)
			return &rec->bins[i].value;
	return NULL;
}
