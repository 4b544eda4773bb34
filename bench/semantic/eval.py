"""Sentence embeddings as a story-clustering signal on multinews-dev (see run.sh)."""
import argparse
import json
import os
from collections import Counter

import numpy as np
from safetensors.numpy import load_file
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from scipy.special import erf
from sklearn.feature_extraction.text import TfidfVectorizer
from tokenizers import Tokenizer


class MiniLM:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) forward pass in numpy, mean pooling."""

    def __init__(self, model_dir):
        self.w = load_file(os.path.join(model_dir, "model.safetensors"))
        self.tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()

    @staticmethod
    def _norm(x, g, b):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * g + b

    def encode_ids(self, ids):
        w, n = self.w, len(ids)
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            def lin(name, h):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]
            q, k, v = (lin(f"attention.self.{t}", x).reshape(n, 12, 32).transpose(1, 0, 2) for t in ("query", "key", "value"))
            a = q @ k.transpose(0, 2, 1) / np.sqrt(32)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            o = lin("attention.output.dense", (a @ v).transpose(1, 0, 2).reshape(n, 384))
            x = self._norm(x + o, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = lin("intermediate.dense", x)
            h = lin("output.dense", 0.5 * h * (1 + erf(h / np.sqrt(2))))
            x = self._norm(x + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        e = x.mean(0)
        return e / np.linalg.norm(e)

    def embed(self, text, max_tokens=256):
        ids = self.tok.encode(text, add_special_tokens=False).ids[: max_tokens - 2]
        cls, sep = self.tok.token_to_id("[CLS]"), self.tok.token_to_id("[SEP]")
        return self.encode_ids(np.array([cls] + ids + [sep]))


def bcubed(pred, gold):
    n = len(pred)
    joint, ps, gs = Counter(zip(pred, gold)), Counter(pred), Counter(gold)
    p = sum(joint[(pred[i], gold[i])] / ps[pred[i]] for i in range(n)) / n
    r = sum(joint[(pred[i], gold[i])] / gs[gold[i]] for i in range(n)) / n
    return p, r, 2 * p * r / (p + r)


def best_average_linkage(sim, gold):
    d = np.clip(sim.max() - sim, 0, None)
    np.fill_diagonal(d, 0)
    z = linkage(squareform(d, checks=False), "average")
    scores = [(bcubed(list(fcluster(z, t, "distance")), gold), t) for t in np.linspace(0, sim.max(), 400)]
    return max(scores, key=lambda s: s[0][2])[0]


def oracle(sim, gold, budget):
    g = np.array(gold)
    same = g[:, None] == g[None, :]
    cross = np.sort(sim[np.triu(~same, 1)])[::-1]
    tau = cross[budget]
    _, lab = connected_components(csr_matrix((sim > tau) & same), directed=False)
    return bcubed(list(lab), gold)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--model", required=True)
    args = ap.parse_args()
    gold_json = json.load(open(os.path.join(args.corpus, "gold.json")))
    label = {m: k for k, ms in gold_json["clusters"].items() for m in ms}
    names = sorted(label)
    texts = [open(os.path.join(args.corpus, "articles", n), encoding="utf-8").read() for n in names]
    gold = [label[n] for n in names]

    model = MiniLM(args.model)
    ref = [model.embed(s) for s in ("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.")]
    check = (ref[0] @ ref[1], ref[0] @ ref[2])
    print(f"model check: cos {check[0]:.4f} {check[1]:.4f} (sentence-transformers reference 0.6660 0.1046)")
    assert abs(check[0] - 0.6660) < 1e-3 and abs(check[1] - 0.1046) < 1e-3

    emb = np.array([model.embed(t) for t in texts])
    s_emb = emb @ emb.T
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    s_tfidf = (x @ x.T).toarray()
    for s in (s_emb, s_tfidf):
        np.fill_diagonal(s, 0)
    print(f"{len(texts)} articles, {len(set(gold))} gold stories")
    print("signal                          avg-link best P / R / F1   | oracle ceiling F1 at 50 / 500 cross pairs")
    for name, sim in [("tf-idf", s_tfidf), ("minilm (first 256 tokens)", s_emb),
                      ("0.8 tf-idf + 0.2 minilm", 0.8 * s_tfidf + 0.2 * s_emb),
                      ("0.7 tf-idf + 0.3 minilm", 0.7 * s_tfidf + 0.3 * s_emb),
                      ("0.5 tf-idf + 0.5 minilm", 0.5 * s_tfidf + 0.5 * s_emb)]:
        p, r, f = best_average_linkage(sim, gold)
        o50, o500 = oracle(sim, gold, 50)[2], oracle(sim, gold, 500)[2]
        print(f"{name:30s}  {p:.3f} / {r:.3f} / {f:.3f}        | {o50:.3f} / {o500:.3f}")


if __name__ == "__main__":
    main()
