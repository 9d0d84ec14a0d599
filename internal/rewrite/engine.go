package rewrite

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pushback/pushback/internal/guide"
)

// Config chooses and configures an engine. ConfigFromEnv fills it from the
// environment; flags override its fields.
type Config struct {
	Engine     string // rules, openai, or empty to choose automatically
	APIKey     string
	BaseURL    string
	Model      string
	Azure      bool
	APIVersion string
}

// ConfigFromEnv reads OPENAI_API_KEY, OPENAI_BASE_URL, PUSHBACK_MODEL (or
// OPENAI_MODEL), PUSHBACK_ENGINE and, for Azure OpenAI,
// AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT and OPENAI_API_VERSION (or
// AZURE_OPENAI_API_VERSION). getenv is os.Getenv outside tests.
func ConfigFromEnv(getenv func(string) string) Config {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := strings.TrimSpace(getenv(k)); v != "" {
				return v
			}
		}
		return ""
	}
	c := Config{
		Engine:     strings.ToLower(first("PUSHBACK_ENGINE")),
		APIKey:     first("OPENAI_API_KEY"),
		BaseURL:    first("OPENAI_BASE_URL"),
		Model:      first("PUSHBACK_MODEL", "OPENAI_MODEL"),
		APIVersion: first("OPENAI_API_VERSION", "AZURE_OPENAI_API_VERSION"),
	}
	if ep := first("AZURE_OPENAI_ENDPOINT"); ep != "" {
		c.Azure = true
		c.BaseURL = ep
		if k := first("AZURE_OPENAI_API_KEY"); k != "" {
			c.APIKey = k
		}
	}
	return c
}

// ErrNotConfigured is wrapped when the chosen engine lacks its settings.
var ErrNotConfigured = errors.New("engine not configured")

// Engine names.
const (
	EngineRules  = "rules"
	EngineOpenAI = "openai"
)

// NewEngine picks the engine: cfg.Engine when set, else openai when an API
// key or base URL is configured, else the offline rules engine. It also says
// why, for the user ("rules (offline; set OPENAI_API_KEY to use a model)").
// chk is what the rules engine reads the draft with.
func NewEngine(g *guide.Guide, chk Checker, cfg Config, base OpenAIConfig) (Engine, string, error) {
	name, auto, err := cfg.resolve()
	if err != nil {
		return nil, "", err
	}
	switch name {
	case EngineRules:
		why := "rules (offline; set OPENAI_API_KEY to use a model)"
		if !auto {
			why = "rules (offline, as asked)"
		}
		return NewRules(g, chk), why, nil
	case EngineOpenAI:
		base.APIKey, base.BaseURL, base.Model, base.Azure, base.APIVersion = cfg.APIKey, cfg.BaseURL, cfg.Model, cfg.Azure, cfg.APIVersion
		e, err := NewOpenAI(g, base)
		if err != nil {
			return nil, "", err
		}
		where := "api.openai.com"
		if cfg.BaseURL != "" {
			where = cfg.BaseURL
		}
		if cfg.Azure {
			where = "Azure OpenAI at " + cfg.BaseURL
		}
		return e, fmt.Sprintf("openai (%s via %s)", e.Model(), where), nil
	}
	return nil, "", fmt.Errorf("%w for engine: %q (use rules or openai)", guide.ErrUnknownValue, cfg.Engine)
}

// Validate reports what NewEngine would refuse in c, without building
// anything: the server checks it before it starts, and builds the engine
// later, off the handshake's path.
func (c Config) Validate() error {
	_, _, err := c.resolve()
	return err
}

// Resolve names the engine NewEngine would build from c (rules or openai)
// and whether it was chosen automatically, without building it.
func (c Config) Resolve() (name string, auto bool, err error) { return c.resolve() }

// resolve names the engine c selects (auto: openai when a key or base URL is
// set, else rules) and checks that it has what it needs.
func (c Config) resolve() (name string, auto bool, err error) {
	name = c.Engine
	auto = name == "" || name == "auto"
	if auto {
		name = EngineRules
		if c.APIKey != "" || c.BaseURL != "" {
			name = EngineOpenAI
		}
	}
	switch name {
	case EngineRules:
	case EngineOpenAI:
		if c.APIKey == "" && c.BaseURL == "" {
			return "", false, fmt.Errorf("%w: the openai engine needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama)", ErrNotConfigured)
		}
		if c.Azure && c.BaseURL == "" {
			return "", false, errAzureEndpoint
		}
	default:
		return "", false, fmt.Errorf("%w for engine: %q (use rules or openai)", guide.ErrUnknownValue, c.Engine)
	}
	return name, auto, nil
}
