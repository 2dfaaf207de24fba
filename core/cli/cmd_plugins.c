/* cmd_plugins.c - `zhclaim plugins`: what loads, from where. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: zhclaim plugins [--plugin-dir DIR] [--rules-dir DIR] [--plugins a,b]\n"
          "lists each plugin that loads: name, version, ABI, kinds, file, options.\n",
          out);
}

int zc_cmd_plugins(int argc, char **argv)
{
    zc_engine_opts_t o = {0};
    static const struct option longopts[] = {
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"plugins", required_argument, 0, 'p'},
        {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'P':
            if (zc_cli_add_dir(o.plugin_dirs, &o.n_plugin_dirs, optarg))
                return ZC_EXIT_USAGE;
            break;
        case 'R':
            if (zc_cli_add_dir(o.rules_dirs, &o.n_rules_dirs, optarg))
                return ZC_EXIT_USAGE;
            break;
        case 'p': o.plugins = optarg; break;
        case 'v': o.verbose = 1; break;
        case 'h': usage(stdout); return ZC_EXIT_OK;
        default: usage(stderr); return ZC_EXIT_USAGE;
        }
    }
    zc_engine_t *engine = zc_cli_open_engine(&o, 0);
    if (!engine)
        return ZC_EXIT_USAGE;
    for (size_t i = 0; i < zc_engine_plugin_count(engine); i++) {
        const zc_plugin_info_t *p = zc_engine_plugin(engine, i);
        printf("%s %s (ABI %u.%u)\n  kinds:", p->name, p->version, p->abi_major,
               p->abi_minor);
        for (const char *const *k = p->kinds; *k; k++)
            printf(" %s", *k);
        printf("\n  file: %s\n", p->file);
        if (p->description[0])
            printf("  %s\n", p->description);
        for (const zc_plugin_option_t *opt = p->options; opt && opt->name; opt++)
            printf("  option %s (default %s): %s\n", opt->name,
                   opt->default_value ? opt->default_value : "none",
                   opt->doc ? opt->doc : "");
    }
    zc_engine_close(engine);
    return ZC_EXIT_OK;
}
