package rewrite

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// packageExprs returns every expression the package matches with: the
// lazyRegexp literals in its source, the rewrite classes' cues and the tone
// data's patterns, as compiled.
func packageExprs(t testing.TB) []string {
	t.Helper()
	var exprs []string
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	consts := map[string]ast.Expr{} // package-level constants, for expressions built of them
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, id := range vs.Names {
						if i < len(vs.Values) {
							consts[id.Name] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	// value evaluates a constant string expression: literals, constants
	// and their sums.
	var value func(e ast.Expr) (string, bool)
	value = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.Ident:
			if c, ok := consts[e.Name]; ok {
				return value(c)
			}
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				x, ok1 := value(e.X)
				y, ok2 := value(e.Y)
				return x + y, ok1 && ok2
			}
		case *ast.ParenExpr:
			return value(e.X)
		}
		return "", false
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "lazyRegexp" || len(call.Args) != 1 {
				return true
			}
			s, ok := value(call.Args[0])
			if !ok {
				t.Errorf("%s: lazyRegexp of an expression the test cannot evaluate", fset.Position(call.Pos()))
				return true
			}
			exprs = append(exprs, s)
			return true
		})
	}
	if len(exprs) < 100 {
		t.Fatalf("found %d lazyRegexp expressions; the search is broken", len(exprs))
	}
	for _, cl := range classes().classes {
		for _, cu := range cl.cues {
			exprs = append(exprs, cu.re.String())
		}
	}
	tn := toneData()
	for _, re := range tn.injection {
		exprs = append(exprs, re.String())
	}
	for _, rs := range [][]replacement{tn.replace, tn.judgements} {
		for _, r := range rs {
			exprs = append(exprs, r.re.String())
			if r.unless != nil {
				exprs = append(exprs, r.unless.String())
			}
		}
	}
	return append(exprs, tn.interjection.String())
}

// sample writes a random string re matches, or close to one (an
// assertion may fail it): literals in any case of their case-folding
// orbit (the Kelvin sign for a case-folded "k"), classes' runes from
// anywhere in their ranges.
func sample(re *syntax.Regexp, rnd *rand.Rand, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				orbit := []rune{r}
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					orbit = append(orbit, f)
				}
				r = orbit[rnd.IntN(len(orbit))]
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return
		}
		i := rnd.IntN(len(re.Rune)/2) * 2
		lo, hi := re.Rune[i], re.Rune[i+1]
		if rnd.IntN(2) == 0 {
			b.WriteRune(lo)
		} else {
			b.WriteRune(lo + rune(rnd.Int64N(int64(hi-lo)+1)))
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte("ab .,\t'"[rnd.IntN(7)])
	case syntax.OpCapture:
		sample(re.Sub[0], rnd, b)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			sample(sub, rnd, b)
		}
	case syntax.OpAlternate:
		sample(re.Sub[rnd.IntN(len(re.Sub))], rnd, b)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 2
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+2 {
				hi = lo + 2
			}
		}
		for range lo + rnd.IntN(hi-lo+1) {
			sample(re.Sub[0], rnd, b)
		}
	}
}

// TestNeedSound holds the prefilter to what it promises: a text it
// rejects is never one the expression matches. Every expression the
// package uses is tried on strings written from its own syntax, in
// contexts, and on drafts.
func TestNeedSound(t *testing.T) {
	exprs := packageExprs(t)
	contexts := [][2]string{{"", ""}, {" ", "."}, {"Well, ", " and so on"}, {"x", "y"}, {"\n", "\n"}, {"José: ", " — €5"}, {"\xff", "\xe2\x80"}}
	texts := []string{benchDraft, strings.ToUpper(benchDraft), "", " ", "\xff\xfe", "ſorry, I \u212Anow"}
	rnd := rand.New(rand.NewPCG(1, 2))
	matched := 0
	for _, expr := range exprs {
		re := regexp.MustCompile(expr)
		n := needOf(expr)
		check := func(s string) {
			if re.MatchString(s) {
				matched++
				if !n.mayMatch(s) {
					t.Errorf("need of %q rejects %q, which it matches", expr, s)
				}
			}
		}
		for _, s := range texts {
			check(s)
		}
		ast, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		ast = ast.Simplify()
		for range 40 {
			var b strings.Builder
			sample(ast, rnd, &b)
			c := contexts[rnd.IntN(len(contexts))]
			s := b.String()
			check(s)
			check(c[0] + s + c[1])
			if utf8.ValidString(s) {
				check(c[0] + strings.ToUpper(s) + c[1])
				check(c[0] + strings.ToLower(s) + c[1])
			}
		}
	}
	if matched < 20*len(exprs) {
		t.Errorf("only %d matching texts for %d expressions: the samples do not exercise the needs", matched, len(exprs))
	}
	t.Logf("%d expressions, %d matching texts", len(exprs), matched)
}

// TestNeedRejects: the prefilter does reject what it should, or it is
// only overhead.
func TestNeedRejects(t *testing.T) {
	tests := []struct {
		expr, text string
		may        bool
	}{
		{`\b(?:Monday|Tuesday)s?\b`, "see you on the weekend", false},
		{`\b(?:Monday|Tuesday)s?\b`, "see you MONDAY", true}, // (case-sensitive, but the sketch folds: a maybe)
		{`(?i)\bsorry\b`, "SORRY", true},
		{`(?i)\bsorry\b`, "\u017Forry", true}, // the long s folds to s
		{`(?i)\bsorry\b`, "sorted", false},
		{`(?i)\bkind\b`, "\u212Aind", true}, // the Kelvin sign folds to k
		{`[£$€]\d`, "costs 5 euro", false},
		{`[£$€]\d`, "costs €5", true},
		{`a*`, "", true},
		{`[^\x00-\x{10FFFF}]`, "anything", false},
		{`\x{FFFD}`, "\xff", true}, // an invalid byte reads as U+FFFD
	}
	for _, tt := range tests {
		got := needOf(tt.expr).mayMatch(tt.text)
		if got != tt.may {
			t.Errorf("needOf(%q).mayMatch(%q) = %v, want %v", tt.expr, tt.text, got, tt.may)
		}
		if !got && regexp.MustCompile(tt.expr).MatchString(tt.text) {
			t.Errorf("%q matches %q, which its need rejects", tt.expr, tt.text)
		}
	}
}

// classifyPlain is classify without the sketch: every cue's regexp runs
// on every clause its literals allow.
func (c *classifier) classifyPlain(text string) match {
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	for _, cl := range c.classes {
		for _, cu := range cl.cues {
			if cu.need != nil && !containsAny(lower, cu.need) {
				continue
			}
			loc := cu.re.FindStringSubmatchIndex(t)
			if loc == nil || !c.verbsHold(t, loc, cu.verbs) {
				continue
			}
			return match{class: cl.id, loc: loc, form: cu.form}
		}
	}
	return match{class: classFact}
}

// TestClassifySketched: the sketch and the pair index change what
// classify costs, never what it says, on clauses written from every cue.
func TestClassifySketched(t *testing.T) {
	c := classes()
	rnd := rand.New(rand.NewPCG(3, 4))
	texts := []string{benchDraft, "", "No.", "Thanks, Sam", "ſorry, I \u212Anow"}
	for _, cl := range c.classes {
		for _, cu := range cl.cues {
			ast, err := syntax.Parse(cu.re.String(), syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			ast = ast.Simplify()
			for range 20 {
				var b strings.Builder
				sample(ast, rnd, &b)
				texts = append(texts, b.String(), "Well, "+b.String()+" and so on.", strings.ToUpper(b.String()))
			}
		}
	}
	classified := map[string]int{}
	for _, s := range texts {
		got, want := c.classify(s), c.classifyPlain(s)
		if got.class != want.class || got.form != want.form || !slices.Equal(got.loc, want.loc) {
			t.Errorf("classify(%q) = %+v, want %+v", s, got, want)
		}
		classified[want.class]++
	}
	if len(classified) < len(c.classes) {
		t.Errorf("the samples reach only %v", classified)
	}
}

// replaceAllPlain is replaceAll without the sketch or the index.
func replaceAllPlain(rs []replacement, s string) (string, []string) {
	var blunt []string
	lower := strings.ToLower(s)
	for _, r := range rs {
		if r.need != nil && !containsAny(lower, r.need) {
			continue
		}
		if r.blunt {
			for _, m := range r.matches(s) {
				if m = strings.Trim(m, " ,.;:!?"); m != "" {
					blunt = append(blunt, m)
				}
			}
		}
		if out := r.replace(s); out != s {
			s, lower = out, strings.ToLower(out)
		}
	}
	return s, blunt
}

// TestReplaceAllSketched: the sketch and the index change what softening
// costs, never what it writes, on texts written from every replacement.
func TestReplaceAllSketched(t *testing.T) {
	tn := toneData()
	rnd := rand.New(rand.NewPCG(5, 6))
	texts := []string{benchDraft, "", "Honestly, your team dropped the ball AGAIN.", "ſorry, I \u212Anow"}
	for _, rs := range [][]replacement{tn.replace, tn.judgements} {
		for _, r := range rs {
			ast, err := syntax.Parse(r.re.String(), syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			ast = ast.Simplify()
			for range 10 {
				var b, c strings.Builder
				sample(ast, rnd, &b)
				other := rs[rnd.IntN(len(rs))]
				ast2, _ := syntax.Parse(other.re.String(), syntax.Perl)
				sample(ast2.Simplify(), rnd, &c)
				texts = append(texts, b.String(), "Well, "+b.String()+" and "+c.String()+".", strings.ToUpper(b.String()))
			}
		}
	}
	changed := 0
	for _, s := range texts {
		for _, x := range []struct {
			rs    []replacement
			index *needIndex
		}{{tn.replace, tn.replaceIndex}, {tn.judgements, nil}} {
			got, gotBlunt := replaceAll(x.rs, x.index, s, true)
			want, wantBlunt := replaceAllPlain(x.rs, s)
			if got != want || !slices.Equal(gotBlunt, wantBlunt) {
				t.Errorf("replaceAll(%q) = %q %q, want %q %q", s, got, gotBlunt, want, wantBlunt)
			}
			if want != s {
				changed++
			}
		}
	}
	if changed < len(texts)/2 {
		t.Errorf("only %d of %d texts changed: the samples do not exercise the replacements", changed, len(texts))
	}
}
