/* The simulator's day ten times over in one day: each message (its lines up to the last part)
   repeated with the tag-block receive time c: shifted by 0..9 s, checksum recomputed; the
   output stays in time order within 9 s. Usage: tenfold < IN > OUT */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#define COPIES 10
static char grp[64][1024]; static int ng = 0;
static void emit(void) {
  for (int k = 0; k < COPIES; k++)
    for (int g = 0; g < ng; g++) {
      char *l = grp[g];
      char *star = (l[0] == '\\') ? strchr(l, '*') : NULL;
      char *c = star ? strstr(l, "c:") : NULL;
      if (!c || c > star) { fputs(l, stdout); continue; }
      long t = atol(c + 2);
      char body[512]; int n = (int)(c + 2 - (l + 1));
      memcpy(body, l + 1, n);
      n += sprintf(body + n, "%ld", t + k);
      unsigned x = 0; for (int i = 0; i < n; i++) x ^= (unsigned char)body[i];
      body[n] = 0;
      printf("\\%s*%02X%s", body, x, star + 3);
    }
  ng = 0;
}
int main(void) {
  static char line[1024];
  while (fgets(line, sizeof line, stdin)) {
    if (ng < 64) strcpy(grp[ng++], line);
    char *s = strrchr(line, '\\'); s = s ? s + 1 : line;
    /* !AIVDM,N,K,... : a message ends at part N of N */
    char *f1 = strchr(s, ','); char *f2 = f1 ? strchr(f1 + 1, ',') : NULL;
    int total = f1 ? atoi(f1 + 1) : 1, part = f2 ? atoi(f2 + 1) : 1;
    if (part >= total || ng >= 64) emit();
  }
  emit();
  return 0;
}
