from barriers.cli import main

main()
