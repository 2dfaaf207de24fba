/* cmd_show.c - placeholder replaced below */
#include "cli.h"
int zc_cmd_show(int argc, char **argv) { (void)argc; (void)argv; return ZC_EXIT_USAGE; }
