/* mapidump raw mode: decode single HTTP bodies given in files. */
#ifndef MD_RAW_H
#define MD_RAW_H

typedef enum { MD_OUT_TEXT, MD_OUT_JSON } md_output;

typedef struct {
    const char *req_type, *req_file;   /* --raw-request TYPE FILE */
    const char *resp_type, *resp_file; /* --raw-response TYPE FILE */
    int hex;
    md_output output;
} md_raw_options;

/* Returns the exit status: 0 decoded cleanly, 1 a problem was reported, 2 usage or I/O error. */
int md_raw_run(const md_raw_options *o);

#endif
