// lemon_alloc solves an allocation instance written by the matching package's LEMON anchor
// (matching/lemon_test.go) with LEMON's network simplex, as a yardstick for Allocate's solver.
//
// Build (Debian: apt-get install liblemon-dev):
//
//	g++ -O2 -std=c++17 -o lemon_alloc lemon_alloc.cc
//
// (the network simplex is header-only; nothing to link).
//
// Run: lemon_alloc INSTANCE. The instance is text:
//
//	p VACANCIES HOUSEHOLDS EDGES EMPTY
//	v ROWS          (once per vacancy: places that can be filled)
//	e VACANCY HOUSEHOLD COST   (once per eligible pair; 0-based indices)
//
// It is the min-cost flow source → vacancy (capacity ROWS) → household (capacity 1, COST) →
// sink, with a "leave empty" arc vacancy → sink (capacity ROWS, cost EMPTY), which makes
// filling a place worth more than any score difference: the same objective as Allocate.
// Output, one line: "filled F cost C solve_ns T", T the time of NetworkSimplex::run alone
// (reading the file and building the graph are not counted).
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

// Reader parses the instance's integers and tags quickly (the file has millions of lines).
struct Reader {
  FILE* f;
  int c;
  explicit Reader(FILE* file) : f(file), c(getc_unlocked(file)) {}
  void skipSpace() {
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = getc_unlocked(f);
  }
  char tag() {
    skipSpace();
    char t = static_cast<char>(c);
    c = getc_unlocked(f);
    return t;
  }
  long long num() {
    skipSpace();
    bool neg = c == '-';
    if (neg) c = getc_unlocked(f);
    long long x = 0;
    while (c >= '0' && c <= '9') {
      x = x * 10 + (c - '0');
      c = getc_unlocked(f);
    }
    return neg ? -x : x;
  }
};

void fail(const char* msg) {
  std::fprintf(stderr, "lemon_alloc: %s\n", msg);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) fail("usage: lemon_alloc INSTANCE");
  FILE* f = std::fopen(argv[1], "r");
  if (f == nullptr) fail("cannot open the instance");
  Reader in(f);
  if (in.tag() != 'p') fail("instance must start with p");
  const long long nv = in.num(), nh = in.num(), ne = in.num(), empty = in.num();

  using Graph = lemon::SmartDigraph;
  Graph g;
  g.reserveNode(static_cast<int>(nv + nh + 2));
  g.reserveArc(static_cast<int>(ne + 2 * nv + nh));
  Graph::ArcMap<long long> cap(g), cost(g);
  const Graph::Node s = g.addNode(), t = g.addNode();
  std::vector<Graph::Node> vac(nv), hh(nh);
  std::vector<Graph::Arc> emptyArcs(nv);
  long long rows = 0;
  for (long long k = 0; k < nv; k++) {
    if (in.tag() != 'v') fail("expected a v line");
    const long long r = in.num();
    rows += r;
    vac[k] = g.addNode();
    Graph::Arc a = g.addArc(s, vac[k]);
    cap[a] = r, cost[a] = 0;
    emptyArcs[k] = g.addArc(vac[k], t);
    cap[emptyArcs[k]] = r, cost[emptyArcs[k]] = empty;
  }
  for (long long c = 0; c < nh; c++) {
    hh[c] = g.addNode();
    Graph::Arc a = g.addArc(hh[c], t);
    cap[a] = 1, cost[a] = 0;
  }
  for (long long e = 0; e < ne; e++) {
    if (in.tag() != 'e') fail("expected an e line");
    const long long k = in.num(), c = in.num(), w = in.num();
    if (k < 0 || k >= nv || c < 0 || c >= nh) fail("edge out of range");
    Graph::Arc a = g.addArc(vac[k], hh[c]);
    cap[a] = 1, cost[a] = w;
  }
  std::fclose(f);

  lemon::NetworkSimplex<Graph, long long, long long> ns(g);
  ns.upperMap(cap).costMap(cost).stSupply(s, t, rows);
  const auto t0 = std::chrono::steady_clock::now();
  const auto status = ns.run();
  const auto t1 = std::chrono::steady_clock::now();
  if (status != lemon::NetworkSimplex<Graph, long long, long long>::OPTIMAL) fail("no optimal flow");
  long long unfilled = 0;
  for (long long k = 0; k < nv; k++) unfilled += ns.flow(emptyArcs[k]);
  std::printf("filled %lld cost %lld solve_ns %lld\n", rows - unfilled, ns.totalCost(),
              static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
  return 0;
}
