/* Limits of minispike that the tests starting it share. */
#ifndef MS_LIMITS_H
#define MS_LIMITS_H

#define MS_MAX_NODES 64

#endif
