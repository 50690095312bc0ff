/* Client configuration defaults and seed parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <aerofuture/client.h>

as_client_config *as_client_config_init(as_client_config *cfg)
{
	if (!cfg)
		return NULL;
	memset(cfg, 0, sizeof(*cfg));
	cfg->n_loops = 1;
	cfg->max_conns_per_node = 100;
	cfg->pipeline_depth = AS_PIPELINE_DEPTH_DEFAULT;
	cfg->conn_timeout_ms = 1000;
	cfg->idle_timeout_ms = 55000;
	cfg->tend_interval_ms = 1000;
	as_policies_init(&cfg->policies);
	return cfg;
}

as_status as_client_config_add_host(as_client_config *cfg, const char *host, uint16_t port, as_error *err)
{
	if (!cfg)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "config is NULL");
	if (!host)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "host name is NULL");
	if (!host[0])
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "host name is empty");
	size_t len = strlen(host);
	if (len >= sizeof(cfg->hosts[0].name))
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "host name is %zu bytes, the limit is %zu", len,
		                    sizeof(cfg->hosts[0].name) - 1);
	if (cfg->n_hosts >= AS_CONFIG_MAX_HOSTS)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "too many seed hosts (limit %d)", AS_CONFIG_MAX_HOSTS);
	as_host *h = &cfg->hosts[cfg->n_hosts++];
	memcpy(h->name, host, len + 1);
	h->port = port ? port : 3000;
	return AEROSPIKE_OK;
}

as_status as_client_config_add_hosts(as_client_config *cfg, const char *list, as_error *err)
{
	if (!cfg)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "config is NULL");
	if (!list)
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "host list is NULL");
	if (!list[0])
		return as_error_set(err, AEROSPIKE_ERR_PARAM, "host list is empty");
	const char *p = list;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char entry[300];
		if (len == 0 || len >= sizeof(entry))
			return as_error_set(err, AEROSPIKE_ERR_PARAM, "bad host entry in '%s'", list);
		memcpy(entry, p, len);
		entry[len] = '\0';
		char *host = entry, *port_str = NULL;
		if (entry[0] == '[') {
			char *close = strchr(entry, ']');
			if (!close)
				return as_error_set(err, AEROSPIKE_ERR_PARAM, "unterminated '[' in host '%s'", entry);
			*close = '\0';
			host = entry + 1;
			if (close[1] == ':')
				port_str = close + 2;
			else if (close[1])
				return as_error_set(err, AEROSPIKE_ERR_PARAM, "junk after ']' in host '%s'", entry);
		} else {
			char *colon = strchr(entry, ':');
			if (colon && !strchr(colon + 1, ':')) {
				*colon = '\0';
				port_str = colon + 1;
			}
		}
		unsigned long port = 3000;
		if (port_str) {
			char *e;
			port = strtoul(port_str, &e, 10);
			if (!*port_str || *e || port == 0 || port > 65535)
				return as_error_set(err, AEROSPIKE_ERR_PARAM, "bad port '%s' in host list", port_str);
		}
		as_status st = as_client_config_add_host(cfg, host, (uint16_t)port, err);
		if (st != AEROSPIKE_OK)
			return st;
		p += len;
		if (*p == ',')
			p++;
	}
	return AEROSPIKE_OK;
}
