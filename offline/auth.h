/*
 * HTTP authentication as mapidump shows it (RFC 9110 section 11): the schemes a 401 response offers
 * (WWW-Authenticate), and who a request's Authorization header says the client is, never its secret:
 * NTLM ([MS-NLMP] 2.2.1: NEGOTIATE, CHALLENGE, and from AUTHENTICATE the domain, user and workstation),
 * Negotiate ([MS-SPNG] / RFC 4178 SPNEGO carrying NTLM or Kerberos; for Kerberos, RFC 4120 5.5.1, the
 * realm and service name of the AP-REQ's ticket), Basic (RFC 7617: the user id; the password is
 * dropped unread), Bearer (RFC 6750: the scheme only).
 */
#ifndef MD_AUTH_H
#define MD_AUTH_H

#include <stddef.h>

#include "http.h"

typedef struct {
    char scheme[24];    /* "NTLM", "Negotiate", "Basic", "Bearer", ... ("" when none) */
    char mech[16];      /* for Negotiate: "NTLM" or "Kerberos" */
    int ntlm_type;      /* 1 NEGOTIATE, 2 CHALLENGE, 3 AUTHENTICATE */
    char domain[96], user[96], workstation[96];
    char realm[96], service[160]; /* Kerberos */
} md_auth;

/* The Authorization header of a request (no header: scheme ""). */
void md_auth_request(const md_http_msg *m, md_auth *a);
/* The WWW-Authenticate challenges of a response, as "NTLM, Negotiate, Basic"; the CHALLENGE of NTLM /
 * Negotiate in `a` when there is one. Returns 0 when there is no WWW-Authenticate header. */
int md_auth_challenge(const md_http_msg *m, char *schemes, size_t n, md_auth *a);
/* One line: "NTLM AUTHENTICATE CONTOSO\alice (workstation WS01)", "Basic user alice", "Bearer". */
void md_auth_describe(const md_auth *a, char *out, size_t n);
/* "DOMAIN\user" (or "user") when the message named a user, else "". */
void md_auth_user(const md_auth *a, char *out, size_t n);

#endif
