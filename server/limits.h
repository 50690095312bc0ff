/* Limits of minispike that the tests starting it share. */
#ifndef MINISPIKE_LIMITS_H
#define MINISPIKE_LIMITS_H

#define MS_MAX_NODES 64

#endif
