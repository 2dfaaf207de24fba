/* cmd_plugins.c - `zhclaim plugins`: what loads, from where, with which
 * options. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: zhclaim plugins [options]\n"
          "lists each plugin that loads: name, version, ABI, kinds, file, and each\n"
          "option with its default and the value in effect.\n"
          "  --plugin-dir DIR      also load plugins from DIR (before the built-in ones)\n"
          "  --rules-dir DIR       also read rules from DIR (before the built-in ones)\n"
          "  --plugins a,b         list only these plugins\n"
          "  --plugin-opt NAME.KEY=VALUE  set option KEY of plugin NAME (repeatable)\n"
          "  --strict              exit 2 when a plugin is refused, fails init, or skips\n"
          "                        an extractor (any warning while loading plugins)\n"
          "  -v, --verbose         plugin messages too\n"
          "  -h, --help            this text\n",
          out);
}

static void print_plugin(const zc_plugin_info_t *p)
{
    printf("%s %s (ABI %u.%u)\n  kinds:", p->name, p->version, p->abi_major,
           p->abi_minor);
    for (const char *const *k = p->kinds; *k; k++)
        printf(" %s", *k);
    printf("\n  file: %s\n", p->file);
    if (p->description[0])
        printf("  %s\n", p->description);
    const zc_plugin_option_t *opt = p->options;
    for (size_t i = 0; opt && opt[i].name; i++) {
        const char *value = p->option_values ? p->option_values[i] : opt[i].default_value;
        printf("  option %s = %s (default %s): %s\n", opt[i].name,
               value ? value : "(unset)",
               opt[i].default_value ? opt[i].default_value : "none",
               opt[i].doc ? opt[i].doc : "");
    }
}

int zc_cmd_plugins(int argc, char **argv)
{
    zc_engine_opts_t o = {0};
    static const struct option longopts[] = {
        {"plugin-dir", required_argument, 0, 'P'},
        {"rules-dir", required_argument, 0, 'R'},
        {"plugins", required_argument, 0, 'p'},
        {"plugin-opt", required_argument, 0, 'O'},
        {"strict", no_argument, 0, 'S'},
        {"verbose", no_argument, 0, 'v'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'P': bad = zc_cli_add_dir(o.plugin_dirs, &o.n_plugin_dirs, optarg); break;
        case 'R': bad = zc_cli_add_dir(o.rules_dirs, &o.n_rules_dirs, optarg); break;
        case 'p': o.plugins = optarg; break;
        case 'O': bad = zc_cli_add_plugin_opt(&o, optarg); break;
        case 'S': o.strict = 1; break;
        case 'v': o.verbose = 1; break;
        case 'h': usage(stdout); return ZC_EXIT_OK;
        default: usage(stderr); return ZC_EXIT_USAGE;
        }
        if (bad)
            return ZC_EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "zhclaim plugins: unexpected argument %s\n", argv[optind]);
        usage(stderr);
        return ZC_EXIT_USAGE;
    }
    zc_engine_t *engine = zc_cli_open_engine(&o, 0);
    if (!engine)
        return ZC_EXIT_USAGE;
    for (size_t i = 0; i < zc_engine_plugin_count(engine); i++)
        print_plugin(zc_engine_plugin(engine, i));
    zc_engine_close(engine);
    return ZC_EXIT_OK;
}
