package cli

// style applies ANSI colour when enabled (see colour) and is a no-op
// otherwise, so the same rendering code serves terminals and CI logs.
type style struct{ on bool }

func newStyle(env *Env) style { return style{on: colour(env)} }

func (s style) wrap(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(t string) string   { return s.wrap("1", t) }
func (s style) dim(t string) string    { return s.wrap("2", t) }
func (s style) red(t string) string    { return s.wrap("31", t) }
func (s style) green(t string) string  { return s.wrap("32", t) }
func (s style) yellow(t string) string { return s.wrap("33", t) }
