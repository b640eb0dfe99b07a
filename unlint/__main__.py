from unlint.cli import main

raise SystemExit(main())
