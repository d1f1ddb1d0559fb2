#!/usr/bin/env python3
"""Replica of the ledger's pooled cargo model (crates/lookout-ledger/src/ledger.rs, `Pool`) on
the cargo process of the dprk-russia scenario, without AIS, imagery or legs: four ships with
9-11 laden legs each, cargo uniform in their scenario ranges, 42% of legs counted with an 8%
counting error; the model includes the shared `selection_error` factor (4%). Prints how often
the model's 90% interval holds the true total of the uncounted legs (docs/accuracy.md, Ledger).
Needs numpy.

    python3 crates/lookout-ledger/scripts/pooling_check.py
"""
import numpy as np
rng=np.random.default_rng(1)
ships=[(11,180,300),(11,150,280),(9,180,260),(10,180,300)]
def model(counts, nlegs, draws=2000, tau_max=76.0, selection_error=0.04):
    # counts: list per ship of (values, meas_var)
    vals=[np.array(c[0]) for c in counts]; meas=np.mean(np.concatenate([c[1] for c in counts]))
    ss=sum(((v-v.mean())**2).sum() for v in vals if len(v)>=2); df=sum(len(v)-1 for v in vals if len(v)>=2)
    allv=np.concatenate(vals); floor=0.1*allv.mean()
    within=ss/df
    taus=np.linspace(0,tau_max,101)
    out=np.zeros(draws)
    idx=[j for j,v in enumerate(vals) if len(v)>0]
    for d in range(draws):
        chi2=rng.chisquare(df); cv=df*within/chi2
        sig=np.sqrt(max(cv-meas,floor**2)); cv=sig**2+meas
        V=np.array([cv/len(vals[j]) for j in idx]); m=np.array([vals[j].mean() for j in idx])
        W=V[None,:]+taus[:,None]**2
        prec=(1/W).sum(1); mu=(m/W).sum(1)/prec; muv=1/prec
        lp=0.5*np.log(muv)-0.5*np.log(W).sum(1)-((m[None,:]-mu[:,None])**2/(2*W)).sum(1)
        p=np.exp(lp-lp.max()); p/=p.sum()
        k=rng.choice(len(taus),p=p); tau=taus[k]
        mm=mu[k]+np.sqrt(muv[k])*rng.normal()
        sel=1+selection_error*rng.normal()
        tot=0
        for jj,j in enumerate(idx):
            if tau>0:
                pr=1/V[jj]+1/tau**2; th=(m[jj]/V[jj]+mm/tau**2)/pr+rng.normal()/np.sqrt(pr)
            else: th=mm
            tot+=np.maximum(th*sel+sig*rng.normal(size=nlegs[j]),0).sum()
        out[d]=tot
    return out
hits=0; N=200
for s in range(N):
    counts=[];nun=[];truth_un=0;counted_tot=0
    for (n,lo,hi) in ships:
        c=rng.integers(lo,hi+1,size=n).astype(float)
        mask=rng.random(n)<0.42
        cv=np.round(c[mask]*(1+0.08*rng.normal(size=mask.sum())))
        counts.append((cv,(0.08*cv)**2)); nun.append((~mask).sum()); truth_un+=c[~mask].sum()
    o=model(counts,nun,800)
    lo,hi=np.percentile(o,[5,95]); hits+= lo<=truth_un<=hi
print("90% interval holds the uncounted total in", hits, "of", N, "replicates")
